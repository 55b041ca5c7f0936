# Stand-in: version and dependencies of Odoo 17.0's mail module (addons/mail/__manifest__.py).
{
    'name': 'Discuss',
    'version': '1.15',
    'category': 'Productivity/Discuss',
    'depends': ['base', 'base_setup', 'bus', 'web_tour'],
    'license': 'LGPL-3',
}
